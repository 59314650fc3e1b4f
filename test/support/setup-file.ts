import { Logger } from '@nestjs/common';

// Nest's static logger (used before an app has its own) stays quiet in tests unless asked for.
if (!process.env.TEST_LOG_LEVEL) Logger.overrideLogger(false);
