using Arsip.Organization;
using Microsoft.AspNetCore.Identity;

namespace Arsip.Access;

/// <summary>How passwords are stored and checked (ASP.NET Core Identity's PBKDF2 hasher).</summary>
public static class Passwords
{
    public const int MinimumLength = 10;
    private static readonly PasswordHasher<Person> Hasher = new();

    /// <summary>Salted, so not deterministic: decisions take it as a function, as they take ids.</summary>
    public static string Hash(string password) => Hasher.HashPassword(new Person(), password);

    public static bool Matches(Person person, string password) =>
        Hasher.VerifyHashedPassword(person, person.PasswordHash, password) != PasswordVerificationResult.Failed;
}
