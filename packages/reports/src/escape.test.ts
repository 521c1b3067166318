import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown } from './escape.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('turns a script into text', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('cannot be broken out of from inside a double- or single-quoted attribute', () => {
    const escaped = escapeHtml(`"onmouseover=alert(1) x='`);
    expect(escaped).toBe('&quot;onmouseover=alert(1) x=&#39;');
    expect(escaped).not.toMatch(/["']/);
  });

  it('escapes an ampersand once, so existing entities are shown, not decoded', () => {
    expect(escapeHtml('&lt;b&gt; &amp; Smith & Jones')).toBe('&amp;lt;b&amp;gt; &amp;amp; Smith &amp; Jones');
  });

  it('replaces control characters that XML forbids, keeping tabs and line breaks', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne\rf')).toBe('a\uFFFDb\uFFFDc\td\ne\rf');
  });

  it('leaves ordinary text alone', () => {
    expect(escapeHtml("Ava's first review, 4 Mar 2025 (CPPR 33)")).toBe(
      'Ava&#39;s first review, 4 Mar 2025 (CPPR 33)',
    );
    expect(escapeHtml('Zoë Ní Bhriain – 3½ years')).toBe('Zoë Ní Bhriain – 3½ years');
  });
});

// Rendered through a real CommonMark/GFM implementation: the test is what a reader would see, not our regex.
const inline = (markdown: string): string => marked.parseInline(markdown, { async: false });

describe('escapeMarkdown', () => {
  it('backslash-escapes markup characters', () => {
    expect(escapeMarkdown('| col |')).toBe('\\| col \\|');
    expect(escapeMarkdown('](javascript:x)')).toBe('\\](javascript:x)');
    expect(escapeMarkdown('a\\b `c` *d* _e_ ~f~ #g !h')).toBe(
      'a\\\\b \\`c\\` \\*d\\* \\_e\\_ \\~f\\~ \\#g \\!h',
    );
  });

  it('does not let a link, an image or raw HTML through', () => {
    for (const hostile of [
      '[click](javascript:alert(1))',
      '](javascript:x)',
      '![x](http://evil.example/x.png)',
      '<script>alert(1)</script>',
      "O'Brien <b>",
      '<http://evil.example>',
      'verify at https://evil.example/login or www.evil.example',
      '[a]: javascript:alert(1)\n[a]',
    ]) {
      const html = inline(escapeMarkdown(hostile));
      expect(html, hostile).not.toMatch(/<(a|img|script|b)\b/);
    }
  });

  it('shows the text exactly as it was typed', () => {
    expect(inline(escapeMarkdown('<script>alert(1)</script>'))).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(inline(escapeMarkdown('*not bold* and \\*'))).toBe('*not bold* and \\*');
    expect(inline(escapeMarkdown('Smith & Jones'))).toBe('Smith &amp; Jones');
    expect(inline(escapeMarkdown('see https://example.org or www.example.org'))).toBe(
      'see https://example.org or www.example.org',
    );
  });

  it('keeps an entity as typed rather than letting the renderer decode it', () => {
    expect(escapeMarkdown('&lt;b&gt; and &#60;')).toBe('\\&lt;b\\&gt; and &\\#60;');
    expect(inline(escapeMarkdown('&lt;b&gt; and &#60;'))).toBe('&amp;lt;b&amp;gt; and &amp;#60;');
  });

  it('keeps a value on one line, so it cannot end a table cell or start a block', () => {
    expect(escapeMarkdown('first\nsecond\r\nthird\rfourth')).toBe('first<br>second<br>third<br>fourth');
    expect(escapeMarkdown('x\n# heading\n- item')).toBe('x<br>\\# heading<br>- item');
  });

  it('keeps a hostile cell inside its table cell', () => {
    const table = `| a | b |\n|---|---|\n| ${escapeMarkdown('one | two\nthree')} | ${escapeMarkdown('[x](javascript:x)')} |`;
    const html = marked.parse(table, { async: false });
    expect(html.match(/<td>/g)).toHaveLength(2);
    expect(html).toContain('<td>one | two<br>three</td>');
    expect(html).not.toContain('<a');
  });
});
