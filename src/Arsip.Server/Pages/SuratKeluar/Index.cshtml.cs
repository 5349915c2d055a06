using Arsip.Access;
using Arsip.Correspondence;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

public sealed class SuratKeluarIndexModel(IDocumentStore store) : PageModel
{
    [BindProperty(SupportsGet = true)] public OutgoingStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;
    public OutgoingLetterPage Result { get; private set; } = new([], 0, 1, 25);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        Result = await OutgoingLetterQueries.PageAsync(session, caller, Status, Year, PageNumber, 25, ct);
    }

    public static string StatusLabel(OutgoingStatus status) => status switch
    {
        OutgoingStatus.Draft => "Konsep",
        OutgoingStatus.InReview => "Dalam paraf",
        OutgoingStatus.Approved => "Siap tanda tangan",
        OutgoingStatus.Signed => "Ditandatangani",
        OutgoingStatus.Dispatched => "Dikirim",
        OutgoingStatus.Cancelled => "Dibatalkan",
        _ => status.ToString(),
    };
}
