using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// Checkboxes: "true"/"false" (the value and the hidden field a form sends) and "on". Anything else is a
/// model error, and the attempted value kept for the redraw is "false": the checkbox tag helper parses
/// it as a boolean and would fail the whole page on "Banana".
/// </summary>
public sealed class BooleanBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var result = context.ValueProvider.GetValue(context.ModelName);
        if (result == ValueProviderResult.None) return Task.CompletedTask;

        // A checked checkbox sends "true" then its hidden "false": the first value is the one that counts.
        var raw = result.FirstValue?.Trim();
        bool? value = raw?.ToLowerInvariant() switch
        {
            "true" or "on" => true,
            "false" or "" or null => context.ModelType == typeof(bool?) && string.IsNullOrEmpty(raw) ? null : false,
            _ => null,
        };
        if (value is null && !string.IsNullOrEmpty(raw))
        {
            context.ModelState.SetModelValue(context.ModelName, rawValue: "false", attemptedValue: "false");
            context.ModelState.TryAddModelError(context.ModelName, "Tick the box or leave it empty.");
            context.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }
        context.ModelState.SetModelValue(context.ModelName, result);
        context.Result = ModelBindingResult.Success(value);
        return Task.CompletedTask;
    }

    public sealed class Provider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.ModelType == typeof(bool) || context.Metadata.ModelType == typeof(bool?) ? new BooleanBinder() : null;
    }
}
