import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import PreviewViewer from '@/features/previews/components/PreviewViewer.vue';
import { revisionsOf, type CommentPreview } from '@/features/previews/preview-model';
import { commentWith, preview } from './preview-fixtures';

function mountWith(shown: CommentPreview, others: CommentPreview[] = [], extra: { reason?: string | null } = {}) {
  const revisions = revisionsOf([commentWith('c-shown', [shown]), ...others.map((item) => commentWith(`c-${item.id}`, [item]))]);
  return mount(PreviewViewer, {
    props: { revisions, revision: revisions.find((item) => item.revision === shown.revision) ?? null, preview: shown, reason: extra.reason ?? null, pollError: null },
  });
}

describe('PreviewViewer', () => {
  it('shows a ready picture at web size, and a movie with its poster and controls', () => {
    const picture = mountWith(preview('p1', 1));
    expect(picture.get('img[data-testid=preview-image]').attributes('src')).toBe('/api/pictures/previews/preview-files/p1.png');
    expect(picture.get('[data-testid=preview-revision]').text()).toBe('Revision 1');
    expect(picture.find('[data-testid=revision-select]').exists()).toBe(false);

    const movie = mountWith(preview('m2', 2, { extension: 'mp4' }), [preview('p1', 1)]);
    const video = movie.get('video[data-testid=preview-movie]');
    expect(video.attributes()).toMatchObject({ src: '/api/movies/originals/preview-files/m2.mp4', poster: '/api/pictures/previews/preview-files/m2.png' });
    expect(video.attributes()).toHaveProperty('controls');
    expect(movie.findAll('[data-testid=revision-select] option').map((option) => option.text())).toEqual(['Revision 2', 'Revision 1']);
  });

  it('says a movie is processing, why one broke, and when a revision never got its file', () => {
    const processing = mountWith(preview('m2', 2, { extension: 'mp4', status: 'processing', original_name: 'anim_v002' }));
    expect(processing.get('[data-testid=preview-processing]').text()).toContain('Processing anim_v002…');
    expect(processing.find('video').exists()).toBe(false);

    const broken = mountWith(preview('m2', 2, { extension: 'mp4', status: 'broken', original_name: 'anim_v002' }), [], { reason: 'moov atom not found' });
    expect(broken.get('[data-testid=preview-broken]').text()).toBe('Could not process anim_v002: moov atom not found');

    const waiting = mountWith(preview('m2', 2, { status: 'processing', original_name: null }));
    expect(waiting.text()).toContain('This revision has no file: its upload did not finish.');
  });

  it('asks for another revision when one is picked', async () => {
    const wrapper = mountWith(preview('m2', 2, { extension: 'mp4' }), [preview('p1', 1)]);
    await wrapper.get('[data-testid=revision-select]').setValue('1');
    expect(wrapper.emitted('select')).toEqual([[1, null]]);
  });
});
