using FreelancerOS.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Account;

public static class FirstRun
{
    /// <summary>
    /// A fresh install has nobody to sign in: its first visitor is sent to create the account instead of
    /// to a sign-in form they cannot use. Once an account exists, the usual sign-in redirect applies.
    /// </summary>
    public static void SendFirstVisitorToRegister(CookieAuthenticationEvents events)
    {
        var signIn = events.OnRedirectToLogin;
        events.OnRedirectToLogin = async context =>
        {
            var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<AppUser>>();
            if (HttpMethods.IsGet(context.Request.Method) && !await users.Users.AnyAsync())
                context.Response.Redirect("/account/register");
            else
                await signIn(context);
        };
    }
}
