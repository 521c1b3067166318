import type { ReviewPack } from '@fostering/core';
import { writeHtml } from '../render/html.js';
import { writeMarkdown } from '../render/markdown.js';
import { reviewPackDocument } from './document.js';

/** The review pack as GitHub-flavoured Markdown, the timeline as a table. */
export const reviewPackMarkdown = (pack: ReviewPack): string => writeMarkdown(reviewPackDocument(pack));

export interface ReviewPackHtmlOptions {
  /** The page title and heading; by default 'Review pack: placement <id>'. */
  readonly title?: string;
}

/** The review pack as one self-contained HTML file with the timeline drawn as inline SVG. */
export const reviewPackHtml = (pack: ReviewPack, options: ReviewPackHtmlOptions = {}): string => {
  const doc = reviewPackDocument(pack);
  return writeHtml(options.title === undefined ? doc : { ...doc, title: options.title });
};
