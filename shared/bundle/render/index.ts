/** The generated payload files of a bundle (DESIGN.md §5), each a pure function of BundleContent. */
export { renderAuditLogJsonl } from './auditLogJsonl';
export { EVIDENCE_CSV_HEADERS, renderEvidenceCsv } from './evidenceCsv';
export { escapeHtml, relativeDataHref } from './html';
export { INDEX_CSP, renderIndexHtml, type IndexOptions } from './indexHtml';
export { renderManifestJson } from './manifestJson';
export { renderVerifyHtml, verifyCsp } from './verifyHtml';
