// Package pageview is the Fyne widget that shows a document's pages one
// under the other, draws coded fragments, search hits and the selection
// over them from the character boxes stored at import, and turns drags,
// clicks and keys into selections of code points. It reads a document
// through a Source (text, boxes, page images), so it draws any paged
// document, not only PDFs.
//
// It is the only package outside app/gui that imports Fyne, and it has a
// package of its own so that the command line, which needs pdfview's text
// extraction, links no GUI toolkit. Its geometry (geometry.go) is plain Go,
// tested without a window.
package pageview
