//go:build !linux

package gui

import "time"

// threadTime is unknown here: the stall test measures wall time.
func threadTime() time.Duration { return 0 }

const haveThreadTime = false
