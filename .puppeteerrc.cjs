// Use the system Chromium when there is one (Debian: apt-get install chromium);
// otherwise let puppeteer download its own browser at install time.
const { existsSync } = require('node:fs');

const systemChromium = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';

module.exports = existsSync(systemChromium)
  ? { skipDownload: true, executablePath: systemChromium }
  : {};
