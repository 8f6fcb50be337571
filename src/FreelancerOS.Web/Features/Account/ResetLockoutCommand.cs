using FreelancerOS.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace FreelancerOS.Web.Features.Account;

/// <summary>
/// <c>dotnet FreelancerOS.Web.dll reset-lockout --email you@example.com</c>: for the owner locked out by
/// someone guessing at the sign-in page, who cannot or will not wait the 15 minutes.
/// </summary>
public static class ResetLockoutCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var at = Array.IndexOf(args, "--email");
        if (at < 0 || at + 1 >= args.Length)
        {
            Console.Error.WriteLine("usage: reset-lockout --email you@example.com");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(args[at + 1]);
        if (user is null)
        {
            Console.Error.WriteLine($"No account has the e-mail address {args[at + 1]}.");
            return 1;
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Console.WriteLine($"{user.Email} can sign in again.");
        return 0;
    }
}
