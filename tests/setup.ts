// Every test file removes the temp folders it made, whatever its tests' outcome.
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';

afterAll(() => removeTempDirs());
