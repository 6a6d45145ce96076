// Built only by the warnings_are_errors test (tests/CMakeLists.txt), never into
// Patchwork: a deliberate warning, which the test command's build must refuse.
int warning_probe() {
  int unused = 0;
  return 0;
}
