// The design checks of the open lab, as the service last found them (the problems panel asks; the status bar counts).
import { shallowRef } from 'vue';
import type { DesignCheck } from '../../shared/checks.js';

export const designChecks = shallowRef<DesignCheck[]>([]);
