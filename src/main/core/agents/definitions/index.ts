/**
 * The agents FlipSync ships: few, and each one real. Specialists compute their numbers in
 * code (tools); the model chooses which items to look at and explains the results.
 */
import type { AgentDefinition } from '../definition';
import { getItem, inventoryStats, searchItems } from '../tools/read';
import { findEbayCategory } from '../tools/category';
import { getItemWithPhotos, proposeListing } from '../tools/listing';
import { estimateShippingTool, handoffTool, suggestPriceTool } from '../tools/propose';
import { salesStats } from '../tools/research';
import { createHealthAgent } from './health';

export function createAgents(): AgentDefinition[] {
  return [
    {
      id: 'assistant',
      name: 'Assistant',
      purpose: 'Answers your questions from your data and hands tasks to the specialists.',
      instructions:
        'You are FlipSync, the assistant of a person who resells goods online (eBay first). Answer from the ' +
        'seller’s data using the read tools; never invent numbers. For pricing, listing text, inventory scans, ' +
        'sales analysis or shipping costs, use handoff to the specialist and report what it found and proposed. ' +
        'Be concise; use Markdown lists and tables.',
      tools: [searchItems, getItem, inventoryStats, salesStats, handoffTool],
      model: null,
      defaultTask: 'Give me a short overview of my inventory.',
    },
    createHealthAgent(),
    {
      id: 'pricing',
      needsData: true,
      name: 'Pricing',
      purpose: 'Suggests prices from your own sold history, cost, fees and target margin.',
      instructions:
        'You price a reseller’s items. Find the items the task is about with search_items (listedAtLeastDays for ' +
        'items that have not sold), then call suggest_price for each one: it computes the price in code and ' +
        'creates a proposal. Do not make up prices. Finish with a short summary of what you proposed and why.',
      tools: [searchItems, getItem, suggestPriceTool],
      model: null,
      defaultTask: 'Suggest prices for my listed items that have not sold in my stale-listing days.',
    },
    {
      id: 'listing',
      needsData: true,
      name: 'Listing writer',
      purpose:
        'Writes titles (≤ 80 characters), descriptions, condition, item specifics and categories from the photos and details, as proposals.',
      instructions:
        'You write eBay listings. Read the item with get_item: when you can see images its photos follow the result, ' +
        'and they are how you identify brand, model, size, flaws and condition. Then call propose_listing with a ' +
        'keyword-rich title of at most 80 characters (brand, model, key features, size, condition), an honest ' +
        'description, eBay’s condition, item specifics and a category. State only what the photos or the item’s ' +
        'fields show; never invent facts. Without photos, say in why that you worked from the text only. ' +
        'When eBay is connected, find_ebay_category gives leaf categories for what the item is: propose the ' +
        'categoryId of the best one and fill every required item specific it lists (use its values when given).',
      tools: [searchItems, getItemWithPhotos, findEbayCategory, proposeListing],
      model: null,
      defaultTask: 'Write listings for my draft items that have no description.',
    },
    {
      id: 'research',
      needsData: true,
      name: 'Market research',
      purpose:
        'Answers from your sales: sell-through, days to sell, best and worst categories and brands, price bands.',
      instructions:
        'You analyse the seller’s own sales with sales_stats and inventory_stats. Quote the numbers the tools ' +
        'return; say when there is too little data to conclude. Answer in a short table plus two or three findings.',
      tools: [salesStats, inventoryStats, searchItems],
      model: null,
      defaultTask: 'Which categories and brands sell best and worst for me, and at what prices?',
    },
    {
      id: 'shipping',
      needsData: true,
      name: 'Shipping',
      purpose: 'Estimates package class and shipping cost from the built-in rate table; proposes shipping costs.',
      instructions:
        'You set shipping costs. Find items without a shipping cost with search_items and get_item, then call ' +
        'estimate_shipping for each (pass weightOz only when the item states its weight). Summarise the proposals.',
      tools: [searchItems, getItem, estimateShippingTool],
      model: null,
      defaultTask: 'Estimate shipping costs for my listed items that have none.',
    },
  ];
}
