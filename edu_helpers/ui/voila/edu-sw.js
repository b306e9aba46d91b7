/* 课堂视图的脚本缓存 (the class view's service worker; see edu_helpers/ui/class_cache.py).
 *
 * The server puts four lines before this file: self.EDU_VERSION (changes whenever one of the scripts changes),
 * self.EDU_PRECACHE (the URL paths of Voilà's front-end scripts), self.EDU_NOTEBOOKS (where notebook pages
 * are) and self.EDU_PAUSE_MS. Installing stores all the scripts, so that the browser compiles them once, now; a
 * page this worker controls then gets those scripts from the cache. Nothing else is answered here: pages,
 * kernels and files always come from the server.
 */
'use strict';

const PREFIX = 'edu-class-view-';
const CACHE = PREFIX + self.EDU_VERSION;
const WANTED = new Set(self.EDU_PRECACHE);
const BATCH = 4;
const firstSeen = new Map();

// Compiling the scripts takes the CPU a notebook page needs to draw itself: while a notebook page opened less
// than EDU_PAUSE_MS ago (as far as this worker has seen) the installation waits.
async function notebookOpening() {
  const pages = await self.clients.matchAll({type: 'window', includeUncontrolled: true});
  const now = Date.now();
  return pages.some((page) => {
    if (!new URL(page.url).pathname.startsWith(self.EDU_NOTEBOOKS)) return false;
    if (!firstSeen.has(page.id)) firstSeen.set(page.id, now);
    return now - firstSeen.get(page.id) < self.EDU_PAUSE_MS;
  });
}

async function install() {
  const cache = await caches.open(CACHE);
  const urls = self.EDU_PRECACHE;
  try {
    for (let i = 0; i < urls.length; i += BATCH) {
      while (await notebookOpening()) await new Promise((wake) => setTimeout(wake, 250));
      await cache.addAll(urls.slice(i, i + BATCH));
    }
  } catch (error) {
    await caches.delete(CACHE);  // all or nothing: this worker is not installed and pages use the server
    throw error;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  // The scripts of an older Voilà (or extension) go when this version takes over.
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !WANTED.has(url.pathname)) return;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(url.pathname))
      .then((cached) => cached || fetch(request))
  );
});
