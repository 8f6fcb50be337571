using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// A one-click change made from a record's page (reach a milestone, decide a scope change, void an invoice, undo
/// a payment): what it did goes to the flash; a rule's refusal, or the conflict message when the record changed
/// meanwhile, goes to the error flash. Nothing is saved in either case; the caller then redirects back.
/// </summary>
public static class OneClickChanges
{
    /// <param name="change">Makes and saves the change; returns the flash, or null for none.</param>
    /// <param name="conflict">Said when another tab or request changed the record first.</param>
    /// <param name="errorKey">The TempData key of refusals ("Error" shows as an error; some pages show them as a notice).</param>
    public static async Task ChangeAsync(this Controller controller, Func<Task<string?>> change, string conflict, string errorKey = "Error")
    {
        try
        {
            if (await change() is { } flash) controller.TempData["Flash"] = flash;
        }
        catch (DomainException e)
        {
            controller.TempData[errorKey] = e.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            controller.TempData[errorKey] = conflict;
        }
    }
}
