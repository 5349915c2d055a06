using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>Letters signed afterwards use the new kop; issued PDFs never change.</summary>
[Authorize(Policy = Policies.Administrator)]
[RequestSizeLimit(2 * Letterhead.MaxEmblemBytes)]
public sealed class AdminKopSuratModel(IDocumentStore store, IMessageBus bus, IStringLocalizer<Text> text) : PageModel
{
    public sealed class Form
    {
        public string? NameLines { get; set; }
        public string? Address { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? Website { get; set; }
        public PaperSize PaperSize { get; set; } = PaperSize.A4;
        public decimal MarginLeft { get; set; } = Margins.Default.Left;
        public decimal MarginTop { get; set; } = Margins.Default.Top;
        public decimal MarginRight { get; set; } = Margins.Default.Right;
        public decimal MarginBottom { get; set; } = Margins.Default.Bottom;
        public string FontFamily { get; set; } = Letterhead.DefaultFont;
        public decimal FontSize { get; set; } = 12;
        public decimal LineSpacing { get; set; } = 1;
        public bool RemoveEmblem { get; set; }
        public PageNumberPosition PageNumbers { get; set; } = PageNumberPosition.TopCentre;
        public bool NumberFirstPage { get; set; }
        /// <summary>Empty when none is ticked (a post without any); a new letterhead's form starts from the defaults.</summary>
        public List<LetterKind> HeadKopKinds { get; set; } = [];
        public List<LetterKind> EnactedKinds { get; set; } = [];

        public static Form From(Letterhead l) => new()
        {
            NameLines = string.Join("\n", l.NameLines), Address = l.Address, Phone = l.Phone, Email = l.Email, Website = l.Website, PaperSize = l.PaperSize,
            MarginLeft = l.Margins.Left, MarginTop = l.Margins.Top, MarginRight = l.Margins.Right, MarginBottom = l.Margins.Bottom,
            FontFamily = l.FontFamily, FontSize = l.FontSize, LineSpacing = l.LineSpacing, PageNumbers = l.PageNumbers, NumberFirstPage = l.NumberFirstPage,
            HeadKopKinds = [.. l.HeadKopKinds ?? Letterhead.DefaultHeadKopKinds], EnactedKinds = [.. l.EnactedKinds ?? Letterhead.DefaultEnactedKinds],
        };
    }

    public static string PageNumberLabel(PageNumberPosition at) => at switch
    {
        PageNumberPosition.BottomCentre => "Bawah tengah",
        PageNumberPosition.BottomRight => "Bawah kanan",
        _ => "Atas tengah",
    };

    [BindProperty] public string Key { get; set; } = Letterhead.AgencyKey;
    [BindProperty] public Form Input { get; set; } = new();
    [BindProperty] public IFormFile? Emblem { get; set; }
    public IReadOnlyList<LetterheadSummary> Letterheads { get; private set; } = [];
    public IReadOnlyList<Unit> UnitCodes { get; private set; } = [];
    public bool Exists { get; private set; }
    public bool HasEmblem { get; private set; }
    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task OnGetAsync([FromQuery] string? kunci, CancellationToken ct)
    {
        Key = string.IsNullOrWhiteSpace(kunci) ? Letterhead.AgencyKey : kunci;
        var current = await LoadAsync(ct);
        if (current is not null)
        {
            Input = Form.From(current.Letterhead);
            return;
        }
        (Input.HeadKopKinds, Input.EnactedKinds) = ([.. Letterhead.DefaultHeadKopKinds], [.. Letterhead.DefaultEnactedKinds]);
        if (Key == Letterhead.AgencyKey) Input.NameLines = Agencies.NameOf(Caller.From(User).Agency).ToUpperInvariant();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await CurrentAsync(ct);
        string? emblem = null;
        if (Emblem is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await Emblem.CopyToAsync(buffer, ct);
            emblem = Convert.ToBase64String(buffer.ToArray());
        }
        else if (!Input.RemoveEmblem && current?.Letterhead.Emblem is { } kept) emblem = Convert.ToBase64String(kept);

        var command = new SetLetterhead(
            (Input.NameLines ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList(),
            Input.Address, Input.Phone, Input.Email, Input.Website, Input.PaperSize,
            new Margins(Input.MarginLeft, Input.MarginTop, Input.MarginRight, Input.MarginBottom), Input.FontFamily, Input.FontSize, Input.LineSpacing, emblem,
            Input.PageNumbers, Input.NumberFirstPage, Input.HeadKopKinds, Input.EnactedKinds);
        var outcome = await bus.InvokeForTenantAsync<Outcome<LetterheadResponse>>(
            Caller.From(User).Agency, new SetLetterheadCommand(Key, command, User.Identity?.Name ?? "sistem"), ct);
        if (outcome.Decision.Refusal is { } problem)
        {
            Errors = FormErrors.From(problem);
            await LoadAsync(ct);
            return Page();
        }
        var saved = outcome.Value!;
        TempData["Notice"] = text["Kop surat tersimpan (versi {0}). Surat yang ditandatangani sesudah ini memakai kop baru.", saved.Version].Value;
        return RedirectToPage(new { kunci = Key });
    }

    private async Task<LetterheadView?> CurrentAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        return await session.LoadAsync<LetterheadView>(LetterheadView.StreamFor(Key), ct);
    }

    private async Task<LetterheadView?> LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Letterheads = await LetterheadQueries.ListAsync(session, ct);
        UnitCodes = (await session.Query<Unit>().OrderBy(u => u.Code).ToListAsync(ct)).ToList();
        var current = await session.LoadAsync<LetterheadView>(LetterheadView.StreamFor(Key), ct);
        Exists = current is not null;
        HasEmblem = current?.Letterhead.Emblem is not null;
        return current;
    }
}
