using System.Text.RegularExpressions;
using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Organization;

public sealed record RegisterPerson(string? UserName, string? FullName, string? Nip, string? Rank, string? Password, Guid? PositionId);

public sealed record RegisterPersonCommand(Guid PersonId, RegisterPerson Body);

public static class RegisterPersonHandler
{
    public const int MaximumUserNameLength = 64, MaximumNameLength = 200;

    /// <summary>A user name people can type at the sign-in page: letters, digits, '.', '_' and '-' (the index on it has a size limit too).</summary>
    private static readonly Regex UserNamePattern = new(@"^[\p{L}\p{Nd}][\p{L}\p{Nd}._-]*$", RegexOptions.CultureInvariant);

    public static Decision Decide(RegisterPersonCommand command, bool positionExists, bool userNameTaken, DateOnly today, Func<string, string> hashPassword)
    {
        var body = command.Body;
        if (string.IsNullOrWhiteSpace(body.UserName) || string.IsNullOrWhiteSpace(body.FullName))
            return Decision.Refuse(Problems.BadRequest("userName", "Nama pengguna dan nama lengkap wajib diisi (user name and full name required)."));
        var userName = body.UserName.Trim();
        if (userName.Length > MaximumUserNameLength || !UserNamePattern.IsMatch(userName))
            return Decision.Refuse(Problems.BadRequest("userName", $"Nama pengguna paling panjang {MaximumUserNameLength} karakter: huruf, angka, titik, garis bawah atau tanda hubung (a user name is at most {MaximumUserNameLength} letters, digits, '.', '_' or '-')."));
        if (body.FullName.Trim().Length > MaximumNameLength || body.Rank?.Trim().Length > MaximumNameLength || body.Nip?.Trim().Length > 30)
            return Decision.Refuse(Problems.BadRequest("fullName", $"Nama lengkap dan pangkat paling panjang {MaximumNameLength} karakter, NIP 30 (full name and rank at most {MaximumNameLength} characters, NIP 30)."));
        if (body.Password is null || body.Password.Length < Credentials.MinimumPasswordLength)
            return Decision.Refuse(Problems.BadRequest("password", $"Kata sandi paling sedikit {Credentials.MinimumPasswordLength} karakter (password needs at least {Credentials.MinimumPasswordLength} characters)."));
        if (body.PositionId is not null && !positionExists)
            return Decision.Refuse(Problems.BadRequest("positionId", "Jabatan tidak ada (position does not exist)."));
        if (userNameTaken) return Decision.Refuse(Problems.Conflict($"Nama pengguna {userName} sudah dipakai (user name already in use)."));

        var registered = new PersonRegistered(command.PersonId, userName, body.FullName.Trim(), body.Nip?.Trim(), body.Rank?.Trim(), hashPassword(body.Password));
        return body.PositionId is { } held
            ? Decision.Accept(registered, new PersonAssigned(command.PersonId, held, today))
            : Decision.Accept(registered);
    }

    public static async Task<Decision> Handle(RegisterPersonCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var userName = command.Body.UserName?.Trim();
        var positionExists = command.Body.PositionId is { } position && await session.LoadAsync<Position>(position, ct) is not null;
        var userNameTaken = userName is { Length: > 0 and <= MaximumUserNameLength } && await session.Query<Person>().AnyAsync(p => p.UserName == userName, ct);
        var decision = Decide(command, positionExists, userNameTaken, clock.Today, Credentials.Hash);
        if (!decision.Refused) session.Events.StartStream<Person>(command.PersonId, decision.Events);
        return decision;
    }

    [WolverinePost("/api/organization/people")]
    [Tags("Organisasi")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType<Created>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(RegisterPerson body, [NotBody] Caller caller, IMessageBus bus, ArsipClock clock, CancellationToken ct)
    {
        var command = new RegisterPersonCommand(Guid.CreateVersion7(clock.GetUtcNow()), body);
        return (await bus.InvokeForTenantAsync<Decision>(caller.Agency, command, ct))
            .ToResult(() => Results.Created($"/api/organization/people/{command.PersonId}", new Created(command.PersonId)));
    }
}
