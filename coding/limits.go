package coding

// MaxPDFSize is the largest PDF cmocoder reads, whether added from disk or
// carried in a REFI-QDA project: PDFium holds the whole file in its
// WebAssembly memory (pdfview caps that at twice this) beside the page it
// reads, and a review's articles are a few MB, a scanned book 100 or so.
const MaxPDFSize = 256 << 20
