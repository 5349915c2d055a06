using Arsip.Documents;
using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Onboarding;

/// <summary>One thing a new agency sets up before its first letter; <see cref="Link"/> is the page where it is done (none: <see cref="Missing"/> says how).</summary>
public sealed record ChecklistItem(string Key, string Title, bool Done, string Status, string? Link, string? Missing);

public sealed record SetupChecklistView(int Done, int Total, IReadOnlyList<ChecklistItem> Items);

/// <summary>Computed from the agency's own data every time, so an item is done exactly when its data is there.</summary>
public static class SetupChecklist
{
    public static async Task<SetupChecklistView> LoadAsync(IQuerySession session, IConfiguration configuration, DateOnly today, CancellationToken ct)
    {
        var units = await session.Query<Unit>().CountAsync(ct);
        var positions = await session.Query<Position>().CountAsync(ct);
        var people = await session.Query<Person>().CountAsync(p => p.DeactivatedAt == null, ct);
        var templates = (await session.LoadAsync<LetterNumberTemplatesView>(ReferenceDataStreams.LetterNumberTemplatesStream, ct))?.Templates.Count ?? 0;
        var letterhead = (await session.LoadAsync<LetterheadView>(LetterheadView.StreamFor(Letterhead.AgencyKey), ct))?.Letterhead;
        var calendar = (await session.LoadAsync<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream, ct))?.Settings;
        var holidays = calendar?.Holidays.Count(h => h.Date.Year == today.Year && h.Kind == HolidayKind.LiburNasional) ?? 0;
        return Build(units, positions, people, templates, letterhead, holidays, today.Year, DocumentLinks.IsConfigured(configuration) ? configuration[DocumentLinks.Setting] : null);
    }

    /// <summary>The rules alone: an agency starts with one unit, one position and one person (its first administrator), so each of those needs more.</summary>
    public static SetupChecklistView Build(int units, int positions, int people, int templates, Letterhead? letterhead, int holidays, int year, string? publicBaseUrl)
    {
        ChecklistItem[] items =
        [
            new("units", "Unit kerja dan jabatan", units > 1 && positions > 1, $"{units} unit, {positions} jabatan", "/admin/unit",
                units > 1 && positions > 1 ? null : "Tambahkan unit kerja di bawah unit pertama dan jabatan dengan atasan dan perannya (/admin/jabatan)."),
            new("people", "Pegawai", people > 1, $"{people} pegawai aktif", "/admin/pegawai",
                people > 1 ? null : "Daftarkan pegawai selain administrator, masing-masing pada jabatannya."),
            new("templates", "Templat nomor surat", templates > 0, $"{templates} templat", "/admin/nomor-surat",
                templates > 0 ? null : "Atur templat nomor untuk jenis naskah yang dipakai, paling tidak surat dinas."),
            new("letterhead", "Kop surat dengan lambang", letterhead?.Emblem is { Length: > 0 },
                letterhead is null ? "belum ada" : letterhead.Emblem is { Length: > 0 } ? "ada, dengan lambang" : "ada, tanpa lambang", "/admin/kop-surat?kunci=agency",
                letterhead?.Emblem is { Length: > 0 } ? null : "Unggah lambang daerah (PNG atau JPEG) pada kop surat instansi."),
            new("calendar", $"Kalender kerja dengan libur nasional {year}", holidays > 0, $"{holidays} hari libur nasional {year}", $"/admin/kalender?tahun={year}",
                holidays > 0 ? null : $"Tempel daftar hari libur nasional dan cuti bersama {year} dari SKB di halaman kalender kerja."),
            new("public-url", "Alamat publik untuk kode QR", publicBaseUrl is not null, publicBaseUrl ?? "belum diatur", null,
                publicBaseUrl is not null ? null : "Pengaturan instalasi: minta operator mengisi Arsip:PublicBaseUrl dengan alamat yang dibuka masyarakat."),
        ];
        return new SetupChecklistView(items.Count(i => i.Done), items.Length, items);
    }

    [WolverineGet("/api/setup-checklist")]
    [Tags("Instansi")]
    [EndpointSummary("What the agency has set up and what is still missing (administrators)")]
    [Authorize(Policy = Policies.Administrator)]
    public static async Task<SetupChecklistView> Get([NotBody] Caller caller, IDocumentStore store, IConfiguration configuration, ArsipClock clock, CancellationToken ct)
    {
        await using var session = store.QuerySession(caller.Agency);
        return await LoadAsync(session, configuration, (await AgencyTime.LoadAsync(session, ct)).Today(clock), ct);
    }
}
