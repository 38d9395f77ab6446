"""Social-clause facilitators (issue 7): their board of needs in their territory, help offered to or
asked by buyers, calibration of a need's insertion hours, and the hours done once it is awarded."""
