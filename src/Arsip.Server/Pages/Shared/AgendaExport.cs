namespace Arsip.Pages;

/// <summary>Links to an agenda book export (<c>/api/agenda-books/{direction}.{format}</c>) carrying the list's year filter.</summary>
public sealed record AgendaExport(string Direction, int? Year)
{
    public string Url(string format) => $"/api/agenda-books/{Direction}.{format}" + (Year is { } y ? $"?year={y}" : "");
}
