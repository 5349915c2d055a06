using System.Globalization;
using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>
/// The working calendar: the week, the time zone, the urgency deadlines, and the holidays of a year, pasted from the
/// government's list (SKB) or added one by one. Each form sends the whole calendar through <c>PUT /api/calendar</c>'s decision,
/// built on the version the page showed, so two administrators cannot silently undo each other's holidays.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AdminKalenderModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    public const int MaxPastedLines = 200;

    public CalendarResponse Calendar { get; private set; } = CalendarResponse.From(null);
    public int Year { get; private set; }
    public IReadOnlyList<Holiday> Holidays => [.. Calendar.Settings.Holidays.Where(h => h.Date.Year == Year)];
    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>The calendar version the form was built on.</summary>
    [BindProperty] public long Version { get; set; }
    [BindProperty] public string? Lines { get; set; }
    [BindProperty] public HolidayKind Kind { get; set; } = HolidayKind.LiburNasional;
    [BindProperty] public List<DayOfWeek> WorkingDays { get; set; } = [];
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public DeadlineRules? Deadlines { get; set; }

    public static readonly (string Id, string Name)[] Zones =
        [("Asia/Jakarta", "WIB (Asia/Jakarta)"), ("Asia/Pontianak", "WIB (Asia/Pontianak)"), ("Asia/Makassar", "WITA (Asia/Makassar)"), ("Asia/Jayapura", "WIT (Asia/Jayapura)")];

    public async Task OnGetAsync([FromQuery] int? tahun, CancellationToken ct)
    {
        Year = ValidYear(tahun);
        await LoadAsync(ct);
    }

    /// <summary>Lines "2026-12-25 Hari Raya Natal" (or 25-12-2026, 25/12/2026; a tab, ";" or "," may follow the date).</summary>
    public async Task<IActionResult> OnPostTambahAsync([FromQuery] int? tahun, CancellationToken ct)
    {
        Year = ValidYear(tahun);
        var (added, errors) = ParseLines(Lines, Kind);
        if (errors.Count > 0)
            return await RefuseAsync(FormErrors.Message("Daftar ditolak seluruhnya; tidak ada yang disimpan (the list was refused whole; nothing was saved).", "tambah")
                .With("lines", [.. errors]), ct);
        return await SaveAsync("tambah", current => current with { Holidays = [.. current.Holidays.Where(h => added.All(a => a.Date != h.Date)), .. added] },
            settings => text["{0} hari libur tersimpan.", added.Count].Value, ct);
    }

    public async Task<IActionResult> OnPostHapusAsync([FromQuery] int? tahun, [FromForm] DateOnly date, CancellationToken ct)
    {
        Year = ValidYear(tahun);
        return await SaveAsync("hapus", current => current with { Holidays = [.. current.Holidays.Where(h => h.Date != date)] },
            _ => text["Hari libur {0:dd-MM-yyyy} dihapus.", date].Value, ct);
    }

    public async Task<IActionResult> OnPostMingguAsync([FromQuery] int? tahun, CancellationToken ct)
    {
        Year = ValidYear(tahun);
        if (ModelState.Keys.Any(k => k.StartsWith(nameof(Deadlines), StringComparison.Ordinal) && ModelState[k]!.Errors.Count > 0))
            return await RefuseAsync(FormErrors.Message("Tenggat harus berupa angka (deadlines must be numbers).", "minggu"), ct);
        if (WorkingDays.Count == 0) return await RefuseAsync(FormErrors.Message("Pilih paling tidak satu hari kerja (choose at least one working day).", "minggu"), ct);
        return await SaveAsync("minggu", current => current with { WorkingDays = WorkingDays, TimeZone = TimeZone ?? current.TimeZone, Deadlines = Deadlines ?? current.Deadlines },
            _ => text["Hari kerja, zona waktu dan tenggat tersimpan."].Value, ct);
    }

    private async Task<IActionResult> SaveAsync(string form, Func<CalendarSettings, CalendarSettings> change, Func<CalendarSettings, string> notice, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Calendar.Version != Version)
            return await RefuseAsync(FormErrors.Message(
                "Kalender sudah diubah orang lain sejak halaman ini dibuka; perubahan Anda belum disimpan. Periksa kalender terbaru di bawah lalu ulangi (the calendar changed meanwhile; nothing was saved).", form), ct);
        var next = change(Calendar.Settings);
        var command = new SetCalendarCommand(new SetCalendar([.. next.WorkingDays], next.TimeZone, next.Deadlines, [.. next.Holidays]), User.Identity?.Name ?? "sistem");
        var outcome = await bus.InvokeForTenantAsync<Outcome<CalendarResponse>>(Caller.From(User).Agency, command, ct);
        if (outcome.Decision.Refusal is { } problem) return await RefuseAsync(FormErrors.From(problem, form), ct);
        TempData["Notice"] = notice(next);
        return RedirectToPage(new { tahun = Year });
    }

    private async Task<IActionResult> RefuseAsync(FormErrors errors, CancellationToken ct)
    {
        Errors = errors;
        await LoadAsync(ct);
        Version = Calendar.Version;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Calendar = CalendarResponse.From(await session.LoadAsync<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream, ct));
        if (Request.Method == HttpMethods.Get) Version = Calendar.Version;
    }

    private int ValidYear(int? year) => year is >= 2000 and <= 2100 ? year.Value : clock.Today.Year;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy", "dd/MM/yyyy", "d-M-yyyy", "d/M/yyyy"];

    /// <summary>Every line must read; a list with one bad line is refused whole, naming each bad line.</summary>
    public static (List<Holiday> Holidays, List<string> Errors) ParseLines(string? lines, HolidayKind kind)
    {
        var holidays = new List<Holiday>();
        var errors = new List<string>();
        var all = (lines ?? "").Split('\n').Select(l => l.Trim()).ToArray();
        if (all.All(l => l.Length == 0)) return (holidays, ["Isi paling tidak satu baris: tanggal lalu nama hari libur (at least one line: a date, then the holiday's name)."]);
        if (all.Length > MaxPastedLines) return (holidays, [$"Paling banyak {MaxPastedLines} baris sekali simpan (at most {MaxPastedLines} lines at once)."]);
        for (var i = 0; i < all.Length; i++)
        {
            var line = all[i];
            if (line.Length == 0) continue;
            var cut = line.IndexOfAny([' ', '\t', ';', ',']);
            var datePart = cut < 0 ? line : line[..cut];
            var name = cut < 0 ? "" : line[(cut + 1)..].Trim().TrimStart(';', ',', '\t').Trim();
            if (!DateOnly.TryParseExact(datePart, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                errors.Add($"Baris {i + 1}: '{datePart}' bukan tanggal (TTTT-BB-HH atau HH-BB-TTTT) (line {i + 1}: not a date).");
            else if (name.Length == 0) errors.Add($"Baris {i + 1}: nama hari libur kosong (line {i + 1}: no name).");
            else if (name.Length > 200) errors.Add($"Baris {i + 1}: nama paling banyak 200 karakter (line {i + 1}: name too long).");
            else if (holidays.Any(h => h.Date == date)) errors.Add($"Baris {i + 1}: tanggal {date:dd-MM-yyyy} sudah ada di atasnya (line {i + 1}: duplicate date).");
            else holidays.Add(new Holiday(date, name, kind));
        }
        return (holidays, errors);
    }

    public static string KindName(HolidayKind kind) => kind switch
    {
        HolidayKind.CutiBersama => "Cuti bersama",
        HolidayKind.LiburDaerah => "Libur daerah",
        _ => "Libur nasional",
    };

    public static string DayName(DayOfWeek day) => CultureInfo.GetCultureInfo("id-ID").DateTimeFormat.GetDayName(day);
}
