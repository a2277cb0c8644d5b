using AdoptionBot.AI;
using AdoptionBot.BusinessUnits;
using AdoptionBot.Channels;
using AdoptionBot.Core;
using AdoptionBot.Delivery;
using AdoptionBot.Digest;
using AdoptionBot.Experts;
using AdoptionBot.Health;
using AdoptionBot.Hosting;
using AdoptionBot.Ideas;
using AdoptionBot.Knowledge;
using AdoptionBot.People;
using AdoptionBot.Questions;
using AdoptionBot.Storage;
using AdoptionBot.Tabs;
using AdoptionBot.Telemetry;

// Each module registers itself; the order does not matter (docs/architecture.md).
var builder = WebApplication.CreateBuilder(args);
builder.AddBotHosting();
builder.AddTelemetry();
builder.Services
    .AddCore()
    .AddStore()
    .AddDelivery()
    .AddPeople()
    .AddKnowledge()
    .AddBusinessUnits()
    .AddChannels()
    .AddQuestions()
    .AddAI()
    .AddIdeas()
    .AddExperts()
    .AddDigest()
    .AddTabs()
    .AddHealth();

var app = builder.Build();
app.MapBotEndpoints();
app.MapHealthEndpoints();
app.MapTabs();
return app.RunBot();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
