import { describe, expect, it } from 'vitest';
import { MalformedFileTreeError, renderFileName, renderFolderPath, renderTemplate, slugify, type PathContext } from './file-tree.render.ts';
import { extractTokens } from './file-tree.service.ts';

/** Token rendering of file trees (§8.8), without a database. */

const context: PathContext = {
  project: { id: 'p1', name: 'Ça Tourne!', short_name: 'CT' },
  entity: { id: '6f1e2d3c-0000-4000-8000-00000000abcd', name: 'SH-010 a', kind: 'Shot' },
  entityType: { id: 't1', name: 'Shot' },
  sequence: { id: 's1', name: 'Seq2' },
  episode: null,
  task: { id: 'k1', name: 'main' },
  taskType: { id: 'tt1', name: 'Layout & Anim', short_name: 'lay' },
  department: null,
  software: { id: 'sw1', name: 'Blender', short_name: 'bl' },
  outputType: { id: 'o1', name: 'Cache' },
  name: 'Final Take',
  revision: 7,
  representation: 'abc',
};

const tree = (style: string) => ({
  working: {
    mountpoint: '/prod', root: 'work',
    folder_path: { shot: '<Project>/<Episode>/<Sequence>/<Shot>/<TaskType.short_name>', style },
    file_name: { shot: '<Shot.id>_<Shot>_<TaskType>_<Software.short_name>_v<Version>', style },
  },
});

describe('file tree rendering', () => {
  it('slugifies like Zou: ASCII, lower case, one _ between words', () => {
    expect(slugify('Ça Tourne!')).toBe('ca_tourne');
    expect(slugify('SH-010  a')).toBe('sh_010_a');
    expect(slugify('1,000 frames.v2')).toBe('1000_frames_v2');
  });

  it('renders folders with the tree style, the Seq rule and the e001 episode fallback', () => {
    expect(renderFolderPath(tree('lowercase'), 'working', context, '/')).toBe('/prod/work/ca_tourne/e001/s002/sh_010_a/lay');
    expect(renderFolderPath(tree('uppercase'), 'working', context, '\\')).toBe('/prod\\work\\CA_TOURNE\\E001\\S002\\SH_010_A\\LAY');
  });

  it('slugifies file names as a whole, keeps ids verbatim and pads revisions', () => {
    expect(renderFileName(tree('uppercase'), 'working', context)).toBe('6f1e2d3c-0000-4000-8000-00000000abcd_SH_010_A_LAYOUT_ANIM_BL_V007');
    expect(renderFileName(tree('lowercase'), 'working', context, 4)).toBe('6f1e2d3c-0000-4000-8000-00000000abcd_sh_010_a_layout_anim_bl_v007_[1-4]');
  });

  it('reads other fields, and falls back to the name for unknown ones', () => {
    expect(renderTemplate('<Project.short_name>/<Project.code>/<OutputType>/<Representation>', context, 'keep')).toBe('ct/ca_tourne/cache/abc');
  });

  it('refuses unknown tokens and kinds without a template', () => {
    expect(() => renderTemplate('<Planet>', context, 'lowercase')).toThrow(MalformedFileTreeError);
    expect(() => renderFolderPath(tree('lowercase'), 'working', { ...context, entity: { ...context.entity, kind: 'Asset' } }, '/')).toThrow(/no folder template for asset/);
    expect(() => renderFolderPath(tree('lowercase'), 'output', context, '/')).toThrow(/Mode output cannot be found/);
    expect(() => renderFolderPath(null, 'working', context, '/')).toThrow(/No tree can be found/);
  });

  it('reads token values back out of path elements', () => {
    expect(extractTokens(['my_film', 'shots', 'v003'], ['<Project>', 'shots', 'v<Version>'])).toEqual(new Map([['Project', 'my film'], ['Version', '003']]));
    expect(extractTokens(['my_film', 'assets'], ['<Project>', 'shots'])).toBeUndefined();
  });
});
