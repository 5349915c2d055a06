namespace Arsip.Kernel;

/// <summary>Derajat kecepatan: drives default deadlines.</summary>
public enum Urgency { Biasa, Segera, SangatSegera }
