/**
 * Globals the page modules read from scripts that are not ES modules: DOMPurify, a classic script
 * (UMD) served before them, and Material for MkDocs' `document$`, the observable its instant
 * navigation announces each new page on. Both may be missing: the modules check before use.
 */
import type { DOMPurify } from "dompurify";

declare global {
  interface Window {
    /** DOMPurify's factory (dist/purify.min.js); absent when npm ci did not install it. */
    DOMPurify?: DOMPurify;
    /** Material's page observable; absent without Material's JavaScript or instant navigation. */
    document$?: { subscribe(next: () => void): unknown };
  }
}

export {};
