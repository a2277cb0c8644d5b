using AdoptionBot.AI;
using AdoptionBot.Cards;
using AdoptionBot.Channels;
using AdoptionBot.Delivery;
using AdoptionBot.Digest;
using AdoptionBot.Health;
using AdoptionBot.Hosting;
using AdoptionBot.Ideas;
using AdoptionBot.Knowledge;
using AdoptionBot.People;
using AdoptionBot.Questions;
using AdoptionBot.Storage;
using AdoptionBot.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddBotHosting();
builder.AddTelemetry();
builder.Services.AddStore();
builder.Services.AddKnowledge();
builder.Services.AddQuestions();
builder.Services.AddAI(); // after Knowledge and Questions: swaps in the model's composer and embeddings when configured
builder.Services.AddCards();
builder.Services.AddIdeas();
builder.Services.AddPeople();
builder.Services.AddChannels();
builder.Services.AddDigest();
builder.Services.AddDelivery();
builder.Services.AddHealth();

var app = builder.Build();
app.MapBotEndpoints();
app.MapHealthEndpoints();
return app.RunBot();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
