// Command cmocoder codes the full texts of a realist review as Context,
// Mechanism resource, Mechanism reasoning and Outcome, and assembles CMO
// configurations. With no arguments or a project file it opens the desktop
// app; with a verb it does the same work without a window (see README.md).
package main

import (
	"os"

	"cmocoder.org/cmocoder/app"
	_ "cmocoder.org/cmocoder/internal/posixlocale" // before Fyne's init
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
