// Package posixlocale keeps Fyne quiet under the "C.UTF-8" locale.
//
// Fyne's lang package reads the locale in its init and logs three lines of
// "Error parsing user locale C" when LANG is "C.UTF-8" or "POSIX.UTF-8",
// the default of Debian containers, CI runners and cron jobs. Those lines
// would land on stderr of every command-line verb, where the contract
// allows only our own messages. When the locale names no language, this
// package sets LANGUAGE=en, which go-locale reads before LANG, and which
// gettext ignores under the C locale, so child processes are unaffected.
//
// It must run before fyne.io/fyne/v2/lang's init: Go initialises packages
// in import-path order once their own imports are ready (Go 1.21 spec),
// and this package imports only "os" and "strings", both of which that
// package needs too; "cmocoder.org/..." sorts before "fyne.io/...". A test
// in cli_test.go runs the binary under LANG=C.UTF-8 and checks stderr.
package posixlocale

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		lang, _, _ := strings.Cut(v, ".")
		if lang == "C" || lang == "POSIX" {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
