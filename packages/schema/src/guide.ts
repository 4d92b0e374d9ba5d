import { z } from 'zod';
import { GUIDE_KINDS, TOUR_EXPECTED } from './texts.js';
import { EXPECTED, audienceSchema, idSchema, linkSchema, nonEmpty, textSchema } from './rules.js';
import { objectError } from './survey.js';
import { guideTriggers } from './tour.js';

/**
 * Guides beside tours: a hotspot (a pulsing beacon on an element that opens a tip), a
 * banner (top or bottom of the page) and an announcement (a centred dialog). Same
 * definition style, audience, triggers and priorities as tours and surveys; see docs/tours.md.
 * The browser checks the same rules by hand (packages/sdk/src/guidance/tour/validateGuide.ts).
 */

export { GUIDE_KINDS };

/** The call to action: a safe link, or a tour to start. */
export const guideActionSchema = z
  .strictObject(
    {
      label: textSchema.describe('Text of the button, for example "See what\'s new".'),
      url: linkSchema.optional().describe('Opens this http(s) or relative link.'),
      tour: idSchema.optional().describe('Starts this tour (as `sabu.tour(id)`: never spends the prompt budget).'),
    },
    objectError,
  )
  .superRefine((a, ctx) => {
    if ((a.url === undefined) == (a.tour === undefined)) ctx.addIssue({ code: 'custom', message: TOUR_EXPECTED.action });
  });

export const guideFields = {
  $schema: z.string({ error: 'expected a string' }).optional(),
  id: idSchema.describe('Stable id; reported as `guide`.'),
  kind: z.enum(GUIDE_KINDS, { error: TOUR_EXPECTED.kind }).describe('hotspot: a beacon on an element; banner: a strip at the top or bottom; announcement: a centred dialog.'),
  triggers: guideTriggers.optional(),
  audience: audienceSchema.optional(),
  priority: z.int({ error: 'expected an integer' }).optional().describe('Rank in the shared prompt budget (banners and announcements). Default 6.'),
  title: textSchema.optional(),
  text: textSchema.describe('Plain text with **bold** and [links](https://…); one string, or one per locale.'),
  anchor: nonEmpty.optional().describe('Hotspots: CSS selector of the element the beacon marks.'),
  placement: z.enum(['top', 'bottom', 'left', 'right'], { error: TOUR_EXPECTED.placement }).optional().describe('Hotspots: side of the tip. Default bottom.'),
  position: z.enum(['top', 'bottom'], { error: TOUR_EXPECTED.position }).optional().describe('Banners: top (default) or bottom of the page.'),
  inline: z.boolean({ error: EXPECTED.boolean }).optional().describe('Banners: in the page flow (pushes the page down) instead of fixed over it. Default false.'),
  action: guideActionSchema.optional(),
};

export const guideSchema = z.strictObject(guideFields, objectError).superRefine((g, ctx) => {
  if (g.kind == 'hotspot' && g.anchor === undefined) ctx.addIssue({ code: 'custom', path: ['anchor'], message: TOUR_EXPECTED.hotspotAnchor });
  if (g.kind != 'hotspot' && g.anchor !== undefined) ctx.addIssue({ code: 'custom', path: ['anchor'], message: TOUR_EXPECTED.onlyHotspot });
  for (const k of ['position', 'inline'] as const) if (g[k] !== undefined && g.kind != 'banner') ctx.addIssue({ code: 'custom', path: [k], message: TOUR_EXPECTED.onlyBanner });
  if (g.placement !== undefined && g.kind != 'hotspot') ctx.addIssue({ code: 'custom', path: ['placement'], message: TOUR_EXPECTED.onlyHotspot });
});

export type Guide = z.output<typeof guideSchema>;
export type GuideInput = z.input<typeof guideSchema>;
export type GuideKind = Guide['kind'];
