import type { ComplianceReport } from '@fostering/core';
import { writeHtml } from '../render/html.js';
import { writeMarkdown } from '../render/markdown.js';
import { complianceDocument } from './document.js';

/** The compliance report as GitHub-flavoured Markdown. */
export const complianceMarkdown = (report: ComplianceReport): string =>
  writeMarkdown(complianceDocument(report));

/** The compliance report as one self-contained HTML file: the summary by rule, then each rule's records. */
export const complianceHtml = (report: ComplianceReport): string => writeHtml(complianceDocument(report));
