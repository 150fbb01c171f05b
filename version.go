package main

import (
	_ "embed"

	"cmocoder.org/cmocoder/internal/buildinfo"
)

// fyneApp is FyneApp.toml, the one source of the version: `fyne package`
// reads it for the app's metadata, the Makefile for the packages' names,
// and cmocoder version for what it prints.
//
//go:embed FyneApp.toml
var fyneApp []byte

func init() { buildinfo.SetManifest(fyneApp) }
