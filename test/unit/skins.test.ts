// The skin tables: every tone drawn in every skin, the light one readable on white, the high-contrast one
// bold and bright, the monochrome one without colour but with emphasis, and NO_COLOR over every skin.
import { describe, expect, it } from 'vitest';
import { SKIN_NAMES, SKINS, type Style, TONES } from '../../src/present/skins.js';
import { borderColor, paintFor, selectionStyle, toneStyle } from '../../src/present/theme.js';

const colours = (name: (typeof SKIN_NAMES)[number]): string[] => {
  const s = SKINS[name];
  const styles: Style[] = [
    ...TONES.map((t) => s.tones[t]),
    s.selection,
    s.selectionUnfocused,
    s.header,
    s.dialogBorder,
    s.danger,
  ];
  return styles.flatMap((st) => (st.color ? [st.color] : []));
};

describe('skins', () => {
  it.each(SKIN_NAMES)('%s has a style for every tone and marks the selection and alerts', (name) => {
    const skin = SKINS[name];
    expect(skin.name).toBe(name);
    for (const tone of TONES) expect(skin.tones[tone], tone).toBeDefined();
    expect(skin.selection.inverse).toBe(true);
    // An alert past the threshold must stand out from a plain failure.
    expect(skin.tones.alert).not.toEqual(skin.tones.bad);
  });

  it('light-terminal uses no colour that fades on a white background', () => {
    for (const c of colours('light-terminal')) expect(c).not.toMatch(/white|yellow|cyan|Bright/);
  });

  it('high-contrast draws every meaning bold and bright, never grey', () => {
    for (const tone of TONES.filter((t) => t !== 'muted')) {
      expect(SKINS['high-contrast'].tones[tone]).toMatchObject({
        bold: true,
        color: expect.stringMatching(/Bright$/),
      });
    }
    expect(colours('high-contrast')).not.toContain('gray');
    expect(SKINS['high-contrast'].tones.muted.dimColor).toBeUndefined();
  });

  it('monochrome has no colour at all, but bold failures and bold underlined alerts', () => {
    expect(colours('monochrome')).toEqual([]);
    expect(SKINS.monochrome.tones.bad.bold).toBe(true);
    expect(SKINS.monochrome.tones.alert).toMatchObject({ bold: true, underline: true });
    expect(borderColor(SKINS.monochrome, true)).toBeUndefined();
  });

  it('NO_COLOR wins over every skin: no style at all', () => {
    for (const name of SKIN_NAMES) {
      const paint = paintFor(name, true);
      expect(paint).toBe(false);
      for (const tone of TONES) expect(toneStyle(tone, paint)).toEqual({});
      expect(selectionStyle(paint, true, true)).toEqual({});
      expect(paintFor(name, false)).toBe(SKINS[name]);
    }
  });

  it('a danger context has its own border colour', () => {
    expect(borderColor(SKINS.default, true)).toBe('red');
    expect(borderColor(SKINS.default, false)).toBe('yellow');
    expect(borderColor(true, true)).toBe('red');
  });
});
