namespace Arsip.Kernel;

/// <summary>Sifat: who may see a letter. Rahasia and above are seen only by their chain.</summary>
public enum SecurityLevel { Biasa, Terbatas, Rahasia, SangatRahasia }
