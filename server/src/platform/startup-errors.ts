import net from 'node:net';

/**
 * A start-up failure an operator fixes by changing a setting: its message is meant to be printed as
 * it is (no stack trace), and it names the environment variable to change.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** The one line for a port another program holds (or that this user may not open). */
export function portProblem(error: unknown, port: number, setting: string, what: string): StartupError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new StartupError(`Port ${port} for ${what} is already in use by another program: stop it, or set ${setting} to a free port.`, { cause: error });
  }
  if (code === 'EACCES') {
    return new StartupError(`Port ${port} for ${what} needs administrator rights: set ${setting} to a port above 1023.`, { cause: error });
  }
  return undefined;
}

/**
 * Resolves when nothing listens on `host:port` (a throw-away listener binds it and lets go), rejects
 * with the StartupError naming `setting` otherwise. Cheaper to ask before starting a program than to
 * dig the reason out of its log afterwards.
 */
export function assertPortFree(port: number, host: string, setting: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error) => reject(portProblem(error, port, setting, what) ?? error));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * What to say when start-up fails after the first admin was created: the next start will not create
 * (nor print) it again, so the operator needs the command that sets its password.
 */
export function adminCreatedBeforeFailure(email: string, passwordGenerated: boolean): string {
  if (!passwordGenerated) return `The first admin account ${email} was created before Rushes stopped, with the password of RUSHES_ADMIN_PASSWORD.`;
  return `The first admin account ${email} was created before Rushes stopped, but its password was not shown: ` +
    `set one with \`npx rushes create-admin ${email} --password <new password>\`.`;
}
