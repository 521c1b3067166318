import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ComplianceReport, ReviewPack } from '@fostering/core';
import { complianceHtml, complianceMarkdown, reviewPackHtml, reviewPackMarkdown } from '@fostering/reports';
import { CliError } from './errors.js';

export type ReviewFormat = 'html' | 'md';
export type ComplianceFormat = 'html' | 'md' | 'json';

export const renderReview = (pack: ReviewPack, format: ReviewFormat): string =>
  format === 'html' ? reviewPackHtml(pack) : reviewPackMarkdown(pack);

export const renderCompliance = (report: ComplianceReport, format: ComplianceFormat): string =>
  format === 'html'
    ? complianceHtml(report)
    : format === 'md'
      ? complianceMarkdown(report)
      : `${JSON.stringify(report, null, 2)}\n`;

/** Writes a rendered report, creating its folder; returns the absolute path. */
export const writeReport = async (cwd: string, path: string, content: string): Promise<string> => {
  const target = resolve(cwd, path);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content, 'utf8');
  } catch (error) {
    throw new CliError(`cannot write ${target}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return target;
};
