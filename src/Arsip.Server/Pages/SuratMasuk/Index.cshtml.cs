using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

public sealed class SuratMasukIndexModel(IDocumentStore store, ArsipClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;
    /// <summary>Only letters addressed to no position: they reach nobody's queue until the secretariat corrects them.</summary>
    [BindProperty(SupportsGet = true, Name = "tanpa-tujuan")] public bool Unaddressed { get; set; }
    public IncomingLetterPage Result { get; private set; } = new([], 0, 1, 25);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Unaddressed) Year ??= clock.Today.Year;
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        Result = await IncomingLetterPage.LoadAsync(session, caller, Year, Q, PageNumber, 25, Unaddressed, ct);
    }
}

public static class Labels
{
    public static string Security(SecurityLevel level) => level switch
    {
        SecurityLevel.SangatRahasia => "Sangat Rahasia",
        _ => level.ToString(),
    };

    public static string Urgency(Urgency urgency) => urgency switch
    {
        Kernel.Urgency.SangatSegera => "Sangat Segera",
        _ => urgency.ToString(),
    };
}
