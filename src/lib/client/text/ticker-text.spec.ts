import { describe, expect, it } from 'vitest';
import { changeText, compactVolume } from './ticker-text';

describe('changeText', () => {
	it('signs the 24 h change in percent with two decimals', () => {
		expect(changeText({ open: '100', close: '101.234' })).toBe('+1.23%');
		expect(changeText({ open: '100', close: '99.6' })).toBe('-0.40%');
		expect(changeText({ open: '100', close: '100' })).toBe('0.00%');
		expect(changeText(undefined)).toBe('–');
	});
});

describe('compactVolume', () => {
	it('shortens large volumes', () => {
		expect(compactVolume('745000000.12')).toBe('745M');
		expect(compactVolume('1234567890')).toBe('1.2B');
		expect(compactVolume('12.3')).toBe('12.30');
		expect(compactVolume('x')).toBe('–');
	});
});
