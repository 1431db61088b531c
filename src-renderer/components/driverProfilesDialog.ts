// Whether the driver profiles dialog is open, and which profile it shows first.
import { ref } from 'vue';

export const driverProfilesDialog = ref<{ show: string | null } | null>(null);

export function openDriverProfiles(show: string | null = null): void {
  driverProfilesDialog.value = { show };
}
