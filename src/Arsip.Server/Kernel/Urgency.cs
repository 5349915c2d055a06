namespace Arsip.Kernel;

public enum Urgency { Biasa, Segera, SangatSegera }
