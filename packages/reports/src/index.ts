/**
 * @fostering/reports: review packs and compliance reports as Markdown and as self-contained HTML with an SVG
 * timeline. Pure functions from the plain-data models in `@fostering/core` to strings; no I/O.
 */
export { complianceHtml, complianceMarkdown } from './compliance/render.js';
export { escapeHtml, escapeMarkdown } from './escape.js';
export { formatDate } from './format.js';
export { type ReviewPackHtmlOptions, reviewPackHtml, reviewPackMarkdown } from './review-pack/render.js';
export { LANES as TIMELINE_LANES } from './timeline/lanes.js';
export { type TimelineOptions, timelineSvg } from './timeline/svg.js';
