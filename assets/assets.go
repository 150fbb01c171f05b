// Package assets holds what cmocoder carries inside its binary: the icon
// and the open-access article the demo project is built from.
package assets

import _ "embed"

// Icon is the application icon (PNG, 256 x 256).
//
//go:embed Icon.png
var Icon []byte

// DemoPDF is Agyeman-Duah JNA, Theurer A, Munthali C, Alide N, Neuhann F.
// Understanding the barriers to setting up a healthcare quality improvement
// process in resource-limited settings: a situational analysis at the
// Medical Department of Kamuzu Central Hospital in Lilongwe, Malawi.
// BMC Health Services Research 2014, 14:1. doi:10.1186/1472-6963-14-1.
// © 2014 Agyeman-Duah et al.; licensee BioMed Central Ltd., distributed
// under the Creative Commons Attribution License 2.0
// (http://creativecommons.org/licenses/by/2.0), unmodified.
//
//go:embed agyeman-duah-2014-bmc-hsr.pdf
var DemoPDF []byte

// DemoFileName is the name the demo article is imported under.
const DemoFileName = "agyeman-duah-2014-bmc-hsr.pdf"
