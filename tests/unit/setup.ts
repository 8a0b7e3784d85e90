// IndexedDB for Dexie in Node: loaded before any test module imports Dexie (Dexie looks it up on import).
import 'fake-indexeddb/auto';
