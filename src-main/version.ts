// The application version written into lab files and results; kept in step with package.json by a test.
export const APP_VERSION = '0.1.0';
