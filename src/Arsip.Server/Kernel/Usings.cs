// The kernel holds the words every module shares; it imports no module.
global using Arsip.Kernel;
global using LetterKind = Arsip.Kernel.LetterKind;
