using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Organization;

public sealed record EstablishUnit(string? Code, string? Name, Guid? ParentId);
public sealed record RenameUnit(string? Name, string? Reason);
public sealed record CreatePosition(string? Title, Guid? UnitId, Guid? ReportsTo, Role[]? Roles);
public sealed record RegisterPerson(string? UserName, string? FullName, string? Nip, string? Rank, string? Password, Guid? PositionId);
public sealed record AssignActing(Guid? PositionId, ActingKind? Kind, DateOnly? From, DateOnly? Until);
public sealed record MovePosition(Guid? UnitId, Guid? ReportsTo);
public sealed record ReassignPerson(Guid? PositionId);
public sealed record IdResponse(Guid Id);

/// <summary>The administrator's changes to the agency's structure; each one is an event, so history can say who held what when.</summary>
[Authorize(Policy = Policies.Administrator)]
public static class ManagingOrganizationEndpoints
{
    public const int MinimumPasswordLength = 10, MaximumUserNameLength = 64, MaximumNameLength = 200;

    /// <summary>A user name people can type at the sign-in page: letters, digits, '.', '_' and '-' (the index on it has a size limit too).</summary>
    private static readonly System.Text.RegularExpressions.Regex UserNamePattern = new(@"^[\p{L}\p{Nd}][\p{L}\p{Nd}._-]*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    [WolverinePost("/api/organization/units")]
    [Tags("Organisasi")]
    [ProducesResponseType<IdResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> EstablishUnit(EstablishUnit command, IDocumentSession session, ArsipClock clock)
    {
        if (string.IsNullOrWhiteSpace(command.Code) || command.Code.Length > 20 || command.Code.Contains('/'))
            return Results.Problem(Problems.BadRequest("code", "Kode unit wajib diisi, paling banyak 20 karakter, tanpa '/' (code required, at most 20 characters, no '/')."));
        if (string.IsNullOrWhiteSpace(command.Name))
            return Results.Problem(Problems.BadRequest("name", "Nama unit wajib diisi (name required)."));
        if (command.ParentId is { } parent && await session.LoadAsync<Unit>(parent) is null)
            return Results.Problem(Problems.BadRequest("parentId", "Unit induk tidak ada (parent unit does not exist)."));
        var code = command.Code.Trim();
        if (await session.Query<Unit>().AnyAsync(u => u.Code == code))
            return Results.Problem(Problems.Conflict($"Kode unit {code} sudah dipakai (unit code already in use)."));

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        session.Events.StartStream<Unit>(id, new UnitEstablished(id, code, command.Name.Trim(), command.ParentId));
        await session.SaveChangesAsync();
        return Results.Created($"/api/organization/units/{id}", new IdResponse(id));
    }

    [WolverinePut("/api/organization/units/{id}/name")]
    [Tags("Organisasi")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> RenameUnit(Guid id, RenameUnit command, IDocumentSession session)
    {
        if (string.IsNullOrWhiteSpace(command.Name) || string.IsNullOrWhiteSpace(command.Reason))
            return Results.Problem(Problems.BadRequest("name", "Nama baru dan alasan wajib diisi (new name and reason required)."));
        var unit = await session.LoadAsync<Unit>(id);
        if (unit is null) return Results.Problem(Problems.NotFound("Unit", id));
        if (unit.Name != command.Name.Trim())
        {
            session.Events.Append(id, new UnitRenamed(id, command.Name.Trim(), command.Reason.Trim()));
            await session.SaveChangesAsync();
        }
        return Results.NoContent();
    }

    [WolverinePost("/api/organization/positions")]
    [Tags("Organisasi")]
    [ProducesResponseType<IdResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> CreatePosition(CreatePosition command, IDocumentSession session, ArsipClock clock)
    {
        if (string.IsNullOrWhiteSpace(command.Title))
            return Results.Problem(Problems.BadRequest("title", "Nama jabatan wajib diisi (title required)."));
        if (command.UnitId is not { } unitId || await session.LoadAsync<Unit>(unitId) is null)
            return Results.Problem(Problems.BadRequest("unitId", "Unit tidak ada (unit does not exist)."));
        if (command.ReportsTo is { } superior && await session.LoadAsync<Position>(superior) is null)
            return Results.Problem(Problems.BadRequest("reportsTo", "Jabatan atasan tidak ada (superior position does not exist)."));

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        session.Events.StartStream<Position>(id, new PositionCreated(id, command.Title.Trim(), unitId, command.ReportsTo, command.Roles?.Distinct().ToArray() ?? []));
        await session.SaveChangesAsync();
        return Results.Created($"/api/organization/positions/{id}", new IdResponse(id));
    }

    [WolverinePut("/api/organization/positions/{id}/placement")]
    [Tags("Organisasi")]
    [EndpointSummary("Move a position to another unit or reporting line")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> MovePosition(Guid id, MovePosition command, IDocumentSession session)
    {
        if (await session.LoadAsync<Position>(id) is not { } position) return Results.Problem(Problems.NotFound("Jabatan", id));
        if (command.UnitId is not { } unitId || await session.LoadAsync<Unit>(unitId) is null)
            return Results.Problem(Problems.BadRequest("unitId", "Unit tidak ada (unit does not exist)."));
        if (command.ReportsTo is { } superior && (superior == id || await session.LoadAsync<Position>(superior) is null))
            return Results.Problem(Problems.BadRequest("reportsTo", "Jabatan atasan tidak ada atau jabatan itu sendiri (superior missing or the position itself)."));
        if (position.UnitId == unitId && position.ReportsTo == command.ReportsTo) return Results.NoContent();
        session.Events.Append(id, new PositionMoved(id, unitId, command.ReportsTo));
        await session.SaveChangesAsync();
        return Results.NoContent();
    }

    [WolverinePut("/api/organization/people/{id}/position")]
    [Tags("Organisasi")]
    [EndpointSummary("Reassign a person to another position from today")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> ReassignPerson(Guid id, ReassignPerson command, IDocumentSession session, ArsipClock clock)
    {
        if (await session.LoadAsync<Person>(id) is not { } person) return Results.Problem(Problems.NotFound("Pegawai", id));
        if (command.PositionId is not { } positionId || await session.LoadAsync<Position>(positionId) is null)
            return Results.Problem(Problems.BadRequest("positionId", "Jabatan tidak ada (position does not exist)."));
        if (person.PositionId == positionId) return Results.NoContent();
        session.Events.Append(id, new PersonAssigned(id, positionId, clock.Today));
        await session.SaveChangesAsync();
        return Results.NoContent();
    }

    [WolverinePost("/api/organization/people")]
    [Tags("Organisasi")]
    [ProducesResponseType<IdResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> RegisterPerson(RegisterPerson command, IDocumentSession session, ArsipClock clock)
    {
        if (string.IsNullOrWhiteSpace(command.UserName) || string.IsNullOrWhiteSpace(command.FullName))
            return Results.Problem(Problems.BadRequest("userName", "Nama pengguna dan nama lengkap wajib diisi (user name and full name required)."));
        var userName = command.UserName.Trim();
        if (userName.Length > MaximumUserNameLength || !UserNamePattern.IsMatch(userName))
            return Results.Problem(Problems.BadRequest("userName", $"Nama pengguna paling panjang {MaximumUserNameLength} karakter: huruf, angka, titik, garis bawah atau tanda hubung (a user name is at most {MaximumUserNameLength} letters, digits, '.', '_' or '-')."));
        if (command.FullName.Trim().Length > MaximumNameLength || command.Rank?.Trim().Length > MaximumNameLength || command.Nip?.Trim().Length > 30)
            return Results.Problem(Problems.BadRequest("fullName", $"Nama lengkap dan pangkat paling panjang {MaximumNameLength} karakter, NIP 30 (full name and rank at most {MaximumNameLength} characters, NIP 30)."));
        if (command.Password is null || command.Password.Length < MinimumPasswordLength)
            return Results.Problem(Problems.BadRequest("password", $"Kata sandi paling sedikit {MinimumPasswordLength} karakter (password needs at least {MinimumPasswordLength} characters)."));
        if (command.PositionId is { } position && await session.LoadAsync<Position>(position) is null)
            return Results.Problem(Problems.BadRequest("positionId", "Jabatan tidak ada (position does not exist)."));
        if (await session.Query<Person>().AnyAsync(p => p.UserName == userName))
            return Results.Problem(Problems.Conflict($"Nama pengguna {userName} sudah dipakai (user name already in use)."));

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var registered = new PersonRegistered(id, userName, command.FullName.Trim(), command.Nip?.Trim(), command.Rank?.Trim(), "");
        registered = registered with { PasswordHash = Credentials.Hasher.HashPassword(Person.Create(registered), command.Password) };
        session.Events.StartStream<Person>(id, registered);
        if (command.PositionId is { } held)
            session.Events.Append(id, new PersonAssigned(id, held, clock.Today));
        await session.SaveChangesAsync();
        return Results.Created($"/api/organization/people/{id}", new IdResponse(id));
    }

    [WolverinePost("/api/organization/people/{id}/acting")]
    [Tags("Organisasi")]
    [EndpointSummary("Let a person act (Plt/Plh) for another position between two dates")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> AssignActing(Guid id, AssignActing command, IDocumentSession session)
    {
        if (command is not { PositionId: { } position, Kind: { } kind, From: { } from, Until: { } until })
            return Results.Problem(Problems.BadRequest("positionId", "positionId, kind (Plt/Plh), from dan until wajib diisi (required)."));
        if (until < from) return Results.Problem(Problems.BadRequest("until", "Tanggal akhir sebelum tanggal mulai (until is before from)."));
        var person = await session.LoadAsync<Person>(id);
        if (person is null) return Results.Problem(Problems.NotFound("Pegawai", id));
        if (await session.LoadAsync<Position>(position) is not { } acted)
            return Results.Problem(Problems.BadRequest("positionId", "Jabatan tidak ada (position does not exist)."));
        if (person.Acting.Contains(new Acting(position, kind, from, until))) return Results.NoContent();
        // One acting official per position on any day: who signs and who receives for it must be unambiguous.
        var others = await session.Query<Person>().Where(p => p.Acting.Any(a => a.PositionId == position)).ToListAsync();
        if (others.SelectMany(p => p.Acting.Where(a => a.PositionId == position && a.From <= until && from <= a.Until).Select(a => (p.FullName, a))).FirstOrDefault()
            is ({ } holder, { } overlap))
            return Results.Problem(Problems.Conflict(
                $"{holder} sudah menjadi {overlap.Kind} {acted.Title} {overlap.From:dd-MM-yyyy} s.d. {overlap.Until:dd-MM-yyyy}; penugasan Plt/Plh " +
                "untuk satu jabatan tidak boleh tumpang tindih (overlaps an existing acting assignment for this position)."));

        session.Events.Append(id, new ActingAssigned(id, position, kind, from, until));
        await session.SaveChangesAsync();
        return Results.NoContent();
    }
}

public sealed record PersonSummary(Guid Id, string UserName, string FullName, string? Nip, string? Rank, Guid? PositionId, IReadOnlyList<Acting> Acting, DateTimeOffset? DeactivatedAt);
public sealed record OrganizationChart(IReadOnlyList<Unit> Units, IReadOnlyList<Position> Positions, IReadOnlyList<PersonSummary> People);

public static class OrganizationChartEndpoint
{
    [WolverineGet("/api/organization")]
    [Tags("Organisasi")]
    [EndpointSummary("Units, positions (with reporting lines) and people of the caller's agency")]
    public static async Task<OrganizationChart> Get(IQuerySession session, CancellationToken ct)
    {
        var units = await session.Query<Unit>().OrderBy(u => u.Code).ToListAsync(ct);
        var positions = await session.Query<Position>().OrderBy(p => p.Title).ToListAsync(ct);
        var people = await session.Query<Person>().OrderBy(p => p.FullName).ToListAsync(ct);
        return new OrganizationChart(units.ToList(), positions.ToList(),
            people.Select(p => new PersonSummary(p.Id, p.UserName, p.FullName, p.Nip, p.Rank, p.PositionId, p.Acting, p.DeactivatedAt)).ToList());
    }
}
