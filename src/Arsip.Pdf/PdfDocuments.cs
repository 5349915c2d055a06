namespace Arsip.Pdf;

/// <summary>PDF/A rendering of official documents (issue 7 fills this in).</summary>
public static class PdfDocuments;
