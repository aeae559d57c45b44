import { removeWebRtc } from '../../shared/security/web-rtc';

// Imported first by main.tsx, so WebRTC is gone before any other module of the page runs (the
// preload removes it as well, before the page loads; this covers a preload that could not).
removeWebRtc();
