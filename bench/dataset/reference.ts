/** Names the generator draws from: departments, task types in pipeline order, asset types, people, words. */

export interface TaskTypeDef {
  name: string;
  shortName: string;
  color: string;
  department: string;
}

export const DEPARTMENTS = ['Story', 'Layout', 'Animation', 'CFX', 'FX', 'Lighting', 'Compositing', 'Modeling', 'Surfacing'] as const;

/** Shot task types in pipeline order (a shot's work moves down this list). */
export const SHOT_TASK_TYPES: TaskTypeDef[] = [
  { name: 'Storyboard', shortName: 'stb', color: '#8E44AD', department: 'Story' },
  { name: 'Layout', shortName: 'lay', color: '#2980B9', department: 'Layout' },
  { name: 'Animation', shortName: 'anim', color: '#27AE60', department: 'Animation' },
  { name: 'Cloth', shortName: 'clth', color: '#16A085', department: 'CFX' },
  { name: 'Hair', shortName: 'hair', color: '#1ABC9C', department: 'CFX' },
  { name: 'FX', shortName: 'fx', color: '#E67E22', department: 'FX' },
  { name: 'Lighting', shortName: 'lgt', color: '#F1C40F', department: 'Lighting' },
  { name: 'Rendering', shortName: 'rnd', color: '#D35400', department: 'Lighting' },
  { name: 'Compositing', shortName: 'comp', color: '#C0392B', department: 'Compositing' },
  { name: 'Matte Painting', shortName: 'mp', color: '#7F8C8D', department: 'Compositing' },
  { name: 'Roto', shortName: 'roto', color: '#95A5A6', department: 'Compositing' },
  { name: 'Editing', shortName: 'edit', color: '#34495E', department: 'Story' },
];

export const ASSET_TASK_TYPES: TaskTypeDef[] = [
  { name: 'Concept', shortName: 'cpt', color: '#9B59B6', department: 'Story' },
  { name: 'Modeling', shortName: 'mod', color: '#3498DB', department: 'Modeling' },
  { name: 'Texturing', shortName: 'tex', color: '#2ECC71', department: 'Surfacing' },
  { name: 'Shading', shortName: 'shd', color: '#E74C3C', department: 'Surfacing' },
  { name: 'Rigging', shortName: 'rig', color: '#F39C12', department: 'Modeling' },
  { name: 'Grooming', shortName: 'grm', color: '#1F618D', department: 'CFX' },
  { name: 'Lookdev', shortName: 'ldv', color: '#A93226', department: 'Surfacing' },
  { name: 'Surfacing', shortName: 'srf', color: '#117A65', department: 'Surfacing' },
];

export const ASSET_TYPES = ['Character', 'Prop', 'Environment', 'Set', 'Vehicle', 'FX Element', 'Crowd', 'Matte'] as const;

export const FIRST_NAMES = [
  'Ada', 'Bruno', 'Chloe', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Keiko', 'Lucas', 'Maya', 'Nils',
  'Olga', 'Pablo', 'Quentin', 'Rosa', 'Sami', 'Tara', 'Ugo', 'Vera', 'Wen', 'Xavier', 'Yara', 'Zoe', 'Amir', 'Bea', 'Cyril',
  'Dana', 'Emil', 'Flora', 'Gael', 'Hana', 'Igor', 'Jade', 'Kofi', 'Lena', 'Marco', 'Nora',
] as const;

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent',
  'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'Andre', 'Mercier',
  'Dupont', 'Lambert', 'Bonnet', 'Francois', 'Martinez', 'Legrand',
] as const;

export const WORDS = [
  'the', 'shot', 'needs', 'more', 'contrast', 'on', 'left', 'side', 'camera', 'move', 'feels', 'too', 'fast', 'please', 'check',
  'timing', 'of', 'blink', 'frame', 'arc', 'hand', 'pose', 'spacing', 'looks', 'great', 'approved', 'render', 'noise', 'in',
  'background', 'lights', 'rim', 'key', 'fill', 'warmer', 'cooler', 'grade', 'match', 'previous', 'sequence', 'continuity',
  'cloth', 'intersects', 'with', 'arm', 'hair', 'simulation', 'jitter', 'around', 'neck', 'fx', 'smoke', 'density', 'lower',
  'comp', 'edge', 'matte', 'roto', 'spill', 'fix', 'version', 'new', 'publish', 'update', 'director', 'notes', 'from', 'review',
  'today', 'tomorrow', 'retake', 'small', 'tweak', 'overall', 'nice', 'work', 'texture', 'seam', 'visible', 'uv', 'model',
  'topology', 'rig', 'controls', 'deformation', 'elbow', 'knee', 'silhouette', 'read', 'clearer', 'eye', 'line', 'focus',
] as const;

/** Extra metadata keys of shots (`data`), beyond frame_in, frame_out and fps. */
export const SHOT_DATA_KEYS = [
  'camera', 'lens', 'location', 'time_of_day', 'weather', 'cut_in', 'cut_out', 'handles', 'vfx_level', 'notes', 'mood', 'characters',
] as const;
export const ASSET_DATA_KEYS = [
  'variant', 'lod', 'polycount', 'texture_res', 'rig_complexity', 'notes', 'reference', 'scale', 'materials', 'usd_path', 'owner',
  'budget_days', 'approved_by', 'pipeline_step',
] as const;
