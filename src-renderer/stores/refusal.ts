// A user-caused refusal, shown in the window: the edit does not happen.
export class EditRefused extends Error {}
