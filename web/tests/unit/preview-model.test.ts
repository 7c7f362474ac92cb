import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http';
import { checkPreviewFile, formatBytes, kindOf, previewUrls, revisionsOf, uploadErrorMessage } from '@/features/previews/preview-model';
import { commentWith, preview } from './preview-fixtures';

const file = (name: string, type: string, size = 1234) => ({ name, type, size });

describe('preview model', () => {
  it('lines the revisions up newest first, each with its files in position order, whatever the thread order', () => {
    const comments = [
      commentWith('c-late', [preview('p2', 2)]),
      commentWith('c-plain', []),
      // A revision given explicitly by a script can be older than the comments around it.
      commentWith('c-explicit', [preview('p5', 5)]),
      commentWith('c-first', [preview('p1b', 1, { position: 2 }), preview('p1a', 1, { position: 1 })]),
    ];
    const revisions = revisionsOf(comments);
    expect(revisions.map((item) => item.revision)).toEqual([5, 2, 1]);
    expect(revisions[2]).toMatchObject({ commentId: 'c-first' });
    expect(revisions[2]?.files.map((item) => item.id)).toEqual(['p1a', 'p1b']);
    expect(revisionsOf([commentWith('c', [])])).toEqual([]);
  });

  it('takes PNG/JPEG pictures and the movie containers the server converts, and says why it refuses the rest', () => {
    expect(checkPreviewFile(file('layout_v003.png', 'image/png'))).toBeNull();
    expect(checkPreviewFile(file('anim.MOV', 'video/quicktime'))).toBeNull();
    // Some browsers report no type for .mkv: the extension decides.
    expect(checkPreviewFile(file('comp.mkv', ''))).toBeNull();
    expect(checkPreviewFile(file('notes.pdf', 'application/pdf'))).toBe(
      '“notes.pdf” is not a picture or a movie. Rushes takes PNG or JPEG pictures and MP4, MOV, M4V, MKV, WEBM, AVI or WMV movies.',
    );
    expect(checkPreviewFile(file('paint.webp', 'image/webp'))).toMatch(/^“paint\.webp” cannot be a preview: Rushes takes PNG or JPEG/);
    expect(checkPreviewFile(file('empty.png', 'image/png', 0))).toBe('“empty.png” is empty.');
    expect(checkPreviewFile(file('huge.mov', 'video/quicktime', 3_000_000_000))).toBe('“huge.mov” is 3.0 GB: previews are limited to 2.1 GB.');
    expect(checkPreviewFile(file('big.png', 'image/png', 2_000), 1_000)).toBe('“big.png” is 2.0 kB: previews are limited to 1.0 kB.');
  });

  it('tells pictures, movies and other files apart by their stored extension, and serves each variant', () => {
    expect(kindOf({ extension: 'png' })).toBe('picture');
    expect(kindOf({ extension: 'mp4' })).toBe('movie');
    expect(kindOf({ extension: 'mov' })).toBe('movie');
    expect(kindOf({ extension: 'pdf' })).toBe('file');
    expect(kindOf({ extension: null })).toBe('file');
    expect(previewUrls({ id: 'abc', extension: 'mp4' })).toEqual({
      thumbnail: '/api/pictures/thumbnails/preview-files/abc.png',
      web: '/api/pictures/previews/preview-files/abc.png',
      movie: '/api/movies/originals/preview-files/abc.mp4',
      download: '/api/pictures/originals/preview-files/abc/download',
    });
  });

  it('explains refused uploads: the size limit in readable units (413), an unreadable file (415)', () => {
    const tooBig = new ApiError('The uploaded file is larger than the 65536 bytes allowed.', 413);
    expect(uploadErrorMessage(tooBig, 'anim.mov')).toBe('“anim.mov” is larger than the 65.5 kB the server accepts.');
    expect(uploadErrorMessage(new ApiError('This is too large for the server.', 413), 'anim.mov')).toBe('“anim.mov” is too large for the server.');
    const unreadable = new ApiError('The file is not an image: its content is checked, not its name.', 415);
    expect(uploadErrorMessage(unreadable, 'fake.png')).toBe(
      'The server could not read “fake.png” as a picture or a movie: The file is not an image: its content is checked, not its name.',
    );
    expect(uploadErrorMessage(new ApiError('Wrong file format, extension: docx', 400), 'x.docx')).toBe('Wrong file format, extension: docx');
  });

  it('formats sizes in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1_500)).toBe('1.5 kB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
  });
});
